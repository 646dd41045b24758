// The SignalR Service of main.bicep again, with its upstream: client connection events of the hub go to the Functions
// host's SignalR webhook (presence). Deployed after the Function App, whose host key the URL carries.

@description('The SignalR Service main.bicep created.')
param name string

@description('Its location, tags, sku and properties, as main.bicep deploys them.')
param settings object

@description('The hub whose connection events are reported.')
param hubName string

@description('https://{app host}/runtime/webhooks/signalr?code={signalr_extension system key}')
@secure()
param upstreamUrl string

resource signalR 'Microsoft.SignalRService/signalR@2023-02-01' = {
  name: name
  location: settings.location
  tags: settings.tags
  kind: 'SignalR'
  sku: settings.sku
  properties: union(settings.properties, {
    upstream: {
      templates: [
        {
          hubPattern: hubName
          categoryPattern: 'connections'
          eventPattern: 'connected,disconnected'
          urlTemplate: upstreamUrl
        }
      ]
    }
  })
}

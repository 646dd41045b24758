// Messaging backend for one resource group (az deployment group create --template-file infra/main.bicep).
//
// A Linux Function App on the Flex Consumption plan running the ASP.NET Core app as a custom handler, with Table
// Storage, a Service Bus topic (duplicate detection) with the fanout subscription (sessions), Azure SignalR Service (Serverless) and Application Insights.
// The app reaches storage and Service Bus with its system-assigned managed identity; the only secret (the SignalR
// connection string) goes straight from listKeys into an app setting, never through a parameter or an output.
//
// Kept in one file on purpose: it compiles to a flat ARM template (no nested deployments), so what Azure Resource
// Manager deploys and what tests/Messaging.Deploy.Tests checks in the compiled JSON match one to one.

metadata description = 'Messaging backend: a Linux Function App on the Flex Consumption plan running the ASP.NET Core app as a custom handler, with Table Storage, a Service Bus topic (duplicate detection) with the fanout subscription (sessions), Azure SignalR Service (Serverless) and Application Insights. The app reaches storage and Service Bus with its system-assigned managed identity; the only secret (the SignalR connection string) goes straight from listKeys into an app setting.'

// ---------------------------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------------------------

@description('Region for every resource. It must offer the Flex Consumption plan (az functionapp list-flexconsumption-locations).')
param location string = resourceGroup().location

@description('Lower-case letters, digits and hyphens, starting with a letter: the first part of every resource name.')
@minLength(3)
@maxLength(12)
param baseName string = 'messaging'

@description('Makes the globally unique names (storage, Service Bus, SignalR, Function App) unique. Defaults to a hash of the resource group.')
@minLength(3)
@maxLength(13)
param nameSuffix string = uniqueString(resourceGroup().id)

@description('Auth__Authority: the OpenID Connect authority whose metadata signs client tokens, e.g. https://login.microsoftonline.com/{tenant}/v2.0.')
param authAuthority string

@description('Auth__Audience: the aud every client token must carry, e.g. api://messaging or the API app registration\'s client id.')
param authAudience string

@description('Auth__UserIdClaim: the token claim that holds the user id. With Microsoft Entra ID use oid, the object id that is stable across apps; sub differs per app registration.')
param authUserIdClaim string = 'sub'

@description('Free_F1 costs nothing but allows 20 concurrent connections and 20,000 messages a day, and one Free instance per subscription and region; Standard_S1 for real use.')
@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
param signalRSku string = 'Free_F1'

@description('Browser origins allowed to call the API and negotiate (Function App CORS) and to connect to SignalR. Narrow this outside development.')
param corsAllowedOrigins array = [
  '*'
]

@description('Memory of each Flex Consumption instance; execution time is billed per GB-second, so 512 keeps a dev deployment cheapest. Use 2048 for production load.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 512

@description('Scale-out cap of the Function App (40 is the lowest Flex Consumption accepts).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Daily ingestion cap of the Log Analytics workspace behind Application Insights, in GB; -1 for none.')
@minValue(-1)
param logAnalyticsDailyQuotaGb int = 1

@description('How long logs are kept (30 days are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Also grant the app Azure Service Bus Data Owner on the namespace. Data Receiver is enough for the trigger; the Manage right lets the scale controller read the exact length of the fanout subscription instead of falling back to peeking, as Microsoft\'s Flex Consumption Service Bus sample does.')
param grantServiceBusDataOwner bool = false

@description('Tags put on every resource.')
param tags object = {
  application: 'messaging'
}

// ---------------------------------------------------------------------------------------------------------------
// Names and fixed values
// ---------------------------------------------------------------------------------------------------------------

var storageAccountName = take(toLower('st${replace(baseName, '-', '')}${nameSuffix}'), 24)
var functionAppName = '${baseName}-func-${nameSuffix}'
var planName = '${baseName}-plan-${nameSuffix}'
var serviceBusNamespaceName = '${baseName}-sb-${nameSuffix}'
var signalRName = '${baseName}-signalr-${nameSuffix}'
var logAnalyticsName = '${baseName}-logs-${nameSuffix}'
var appInsightsName = '${baseName}-appi-${nameSuffix}'
var signalRTier = first(split(signalRSku, '_'))

// The Flex Consumption deployment package, the app's table, the topic events are published to and the subscription
// the fanout function reads (functions/fanout/function.json). The topic is not named messaging-events, the queue of
// earlier versions: a namespace cannot hold a queue and a topic of the same name, and a new name lets an existing
// deployment upgrade in place (see infra/README.md).
var deploymentContainerName = 'app-package'
var tableName = 'Messaging'
var topicName = 'messaging-events-topic'
var fanoutSubscriptionName = 'fanout'

// Built-in role definition ids.
var roles = {
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  serviceBusDataOwner: '090c5cfd-751d-490a-894a-3ce6f1109419'
}

// ---------------------------------------------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------------------------------------------

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    workspaceCapping: {
      dailyQuotaGb: logAnalyticsDailyQuotaGb
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage: the app's table, the Functions host's storage and the deployment package, all through the identity
// ---------------------------------------------------------------------------------------------------------------

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource table 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = {
  parent: tableService
  name: tableName
}

// ---------------------------------------------------------------------------------------------------------------
// Service Bus: Standard, because duplicate detection (keyed on MessageId = event id) is not available on Basic
// ---------------------------------------------------------------------------------------------------------------

resource serviceBus 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: serviceBusNamespaceName
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

// Other services add their own subscriptions to this topic (README.md "Events for downstream consumers").
resource topic 'Microsoft.ServiceBus/namespaces/topics@2024-01-01' = {
  parent: serviceBus
  name: topicName
  properties: {
    // Keyed on MessageId = event id: a republished copy within the window is dropped for every subscription.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: 'PT10M'
    defaultMessageTimeToLive: 'P14D'
    maxSizeInMegabytes: 1024
    supportOrdering: true
    // A partitioned entity with duplicate detection refuses a batch of messages with distinct ids, and the app sends batches.
    enablePartitioning: false
  }
}

resource fanoutSubscription 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2024-01-01' = {
  parent: topic
  name: fanoutSubscriptionName
  properties: {
    lockDuration: 'PT1M'
    maxDeliveryCount: 10
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    deadLetteringOnFilterEvaluationExceptions: true
    // Sessions keyed on the conversation id (the app sets SessionId): the fanout function gets one conversation's
    // events one at a time, in send order. Service Bus cannot change this on an existing subscription.
    requiresSession: true
  }
}

// The host name alone (the endpoint is https://{namespace}.servicebus.windows.net:443/).
var serviceBusHostName = split(split(serviceBus.properties.serviceBusEndpoint, '//')[1], ':')[0]

// ---------------------------------------------------------------------------------------------------------------
// SignalR Service in Serverless mode: the app pushes with the output binding, clients connect after negotiate
// ---------------------------------------------------------------------------------------------------------------

// The service's settings, shared with the second deployment of it below, which adds the upstream.
var signalRSettings = {
  location: location
  tags: tags
  sku: {
    name: signalRSku
    tier: signalRTier
    capacity: 1
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
    ]
    cors: {
      allowedOrigins: corsAllowedOrigins
    }
    tls: {
      clientCertEnabled: false
    }
    publicNetworkAccess: 'Enabled'
    disableLocalAuth: false
  }
}

resource signalR 'Microsoft.SignalRService/signalR@2023-02-01' = {
  name: signalRName
  location: signalRSettings.location
  tags: signalRSettings.tags
  kind: 'SignalR'
  sku: signalRSettings.sku
  properties: signalRSettings.properties
}

// Presence: the service reports each client connection opening and closing (category connections, hub messaging)
// to the Functions host's SignalR webhook, which runs the presenceConnected/presenceDisconnected triggers. The webhook
// takes the host's signalr_extension system key; it is created here, as the host would only create it once the
// extension has loaded (after the first code deployment). The upstream needs the app's key and the app needs the
// service's connection string, so the upstream goes on in a second deployment of the service, after both exist.
// Bicep's type index has no Microsoft.Web/sites/host types (the ARM API has them), hence the suppressions.
#disable-next-line BCP081
resource functionHost 'Microsoft.Web/sites/host@2024-04-01' existing = {
  parent: functionApp
  name: 'default'
}

#disable-next-line BCP081
resource signalRExtensionKey 'Microsoft.Web/sites/host/systemkeys@2024-04-01' = {
  parent: functionHost
  name: 'signalr_extension'
  properties: {
    name: 'signalr_extension'
  }
}

module signalRUpstream 'signalr-upstream.bicep' = {
  name: 'signalr-upstream'
  params: {
    name: signalR.name
    settings: signalRSettings
    hubName: 'messaging'
    upstreamUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/signalr?code=${functionHost.listKeys().systemKeys.signalr_extension}'
  }
  dependsOn: [
    signalRExtensionKey
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// The Function App on Flex Consumption (Linux), running the self-contained app as a custom handler
// ---------------------------------------------------------------------------------------------------------------

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // Flex Consumption refuses FUNCTIONS_WORKER_RUNTIME (and FUNCTIONS_EXTENSION_VERSION) as app settings.
      runtime: {
        name: 'custom'
        version: '1.0'
      }
    }
    siteConfig: {
      cors: {
        allowedOrigins: corsAllowedOrigins
        supportCredentials: false
      }
      appSettings: [
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storageAccountName
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'ASPNETCORE_ENVIRONMENT'
          value: 'Production'
        }
        {
          // No trailing slash: the app appends the table name.
          name: 'TableStorage__Endpoint'
          value: 'https://${storageAccountName}.table.${environment().suffixes.storage}'
        }
        {
          name: 'TableStorage__TableName'
          value: tableName
        }
        {
          name: 'ServiceBus__FullyQualifiedNamespace'
          value: serviceBusHostName
        }
        {
          name: 'ServiceBus__TopicName'
          value: topicName
        }
        {
          // The fanout trigger's identity-based connection; the same namespace the app sends to.
          name: 'ServiceBusConnection__fullyQualifiedNamespace'
          value: serviceBusHostName
        }
        {
          name: 'AzureSignalRConnectionString'
          value: signalR.listKeys().primaryConnectionString
        }
        {
          name: 'Auth__Mode'
          value: 'Jwt'
        }
        {
          name: 'Auth__Authority'
          value: authAuthority
        }
        {
          name: 'Auth__Audience'
          value: authAudience
        }
        {
          name: 'Auth__UserIdClaim'
          value: authUserIdClaim
        }
      ]
    }
  }
  // The package container, the table and the topic's subscription must exist before the host starts using them.
  dependsOn: [
    deploymentContainer
    table
    fanoutSubscription
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Role assignments for the app's identity, each named after scope, principal and role so redeploying updates it
// ---------------------------------------------------------------------------------------------------------------

resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    description: 'The app\'s data: TableStorage__Endpoint with the managed identity.'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, functionApp.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    description: 'Identity-based AzureWebJobsStorage (host keys, timer schedule and locks) and the Flex Consumption deployment container.'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serviceBusDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(topic.id, functionApp.id, roles.serviceBusDataSender)
  scope: topic
  properties: {
    description: 'The app publishes outbox events to the topic (ServiceBus__FullyQualifiedNamespace, ServiceBus__TopicName).'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataSender)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serviceBusDataReceiver 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(fanoutSubscription.id, functionApp.id, roles.serviceBusDataReceiver)
  scope: fanoutSubscription
  properties: {
    description: 'The fanout function\'s Service Bus trigger on its subscription (ServiceBusConnection__fullyQualifiedNamespace).'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataReceiver)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource serviceBusDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (grantServiceBusDataOwner) {
  name: guid(serviceBus.id, functionApp.id, roles.serviceBusDataOwner)
  scope: serviceBus
  properties: {
    description: 'Optional: the Manage right, so trigger scaling reads the exact subscription length.'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.serviceBusDataOwner)
    principalId: functionApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs: names and URLs only
// ---------------------------------------------------------------------------------------------------------------

output functionAppName string = functionApp.name
output apiBaseUrl string = 'https://${functionApp.properties.defaultHostName}/api'
output storageAccountName string = storage.name
output tableEndpoint string = 'https://${storageAccountName}.table.${environment().suffixes.storage}'
output serviceBusNamespace string = serviceBusHostName
output serviceBusTopicName string = topic.name
output serviceBusFanoutSubscriptionName string = fanoutSubscription.name
output signalRName string = signalR.name
output signalRHostName string = signalR.properties.hostName
output applicationInsightsName string = appInsights.name

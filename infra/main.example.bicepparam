// Example parameters for main.bicep. Copy it beside main.bicep (e.g. infra/main.dev.bicepparam, so the using path
// still resolves), set authAuthority and authAudience, and deploy with eng/deploy.sh. Every parameter not set here
// has a default that makes a cheap development deployment.
using 'main.bicep'

param baseName = 'messaging'

param authAuthority = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0'

param authAudience = 'api://messaging'

// Microsoft Entra ID: oid is the user's stable object id; sub differs per app registration.
param authUserIdClaim = 'oid'

param signalRSku = 'Free_F1'

param corsAllowedOrigins = [
  'http://localhost:5173'
]

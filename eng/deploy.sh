#!/usr/bin/env bash
# Deploys the whole backend to one resource group: the infrastructure (infra/main.bicep), then the app.
#
#   eng/deploy.sh <resource-group> <location> <parameters.bicepparam>
#
# e.g. eng/deploy.sh rg-messaging-dev westeurope infra/main.dev.bicepparam
#
# Needs the Azure CLI (2.60 or newer, logged in with `az login`; it compiles the Bicep itself) and rights to create
# role assignments in the resource group (Owner, or Contributor plus Role Based Access Control Administrator).
# Runs eng/publish.sh --zip for the package. Safe to re-run: the template is idempotent and the zip replaces the
# previous one.
set -euo pipefail

if [[ $# -ne 3 ]]; then
  sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
group="$1"
location="$2"
parameters="$3"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

command -v az >/dev/null 2>&1 || { echo "deploy.sh: the Azure CLI (az) is not installed" >&2; exit 1; }
[[ -f "$parameters" ]] || { echo "deploy.sh: no parameters file $parameters (copy infra/main.example.bicepparam)" >&2; exit 1; }
# A .bicepparam names its template with `using 'main.bicep'`, relative to itself, so it must stay in infra/.
[[ "$parameters" == *.bicepparam ]] || { echo "deploy.sh: $parameters is not a .bicepparam file (copy infra/main.example.bicepparam)" >&2; exit 1; }

az group create --name "$group" --location "$location" --output none
outputs="$(az deployment group create \
  --resource-group "$group" \
  --name messaging \
  --template-file "$root/infra/main.bicep" \
  --parameters "$parameters" \
  --query "[properties.outputs.functionAppName.value, properties.outputs.apiBaseUrl.value]" --output tsv)"
app="$(sed -n 1p <<<"$outputs")"
api="$(sed -n 2p <<<"$outputs")"
echo "Infrastructure ready; Function App: $app"

"$root/eng/publish.sh" --zip "$root/publish"

# The app's identity writes the package into the deployment container; a fresh role assignment can take a few
# minutes to apply, so retry a rejected upload for a while.
for attempt in 1 2 3 4 5 6; do
  if az functionapp deployment source config-zip --resource-group "$group" --name "$app" --src "$root/publish.zip" --output none; then
    echo "Deployed. Health check: curl $api/health"
    exit 0
  fi
  echo "deploy.sh: upload attempt $attempt failed; waiting for role assignments to apply..." >&2
  sleep 30
done
echo "deploy.sh: could not upload the package to $app" >&2
exit 1

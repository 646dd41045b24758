#!/usr/bin/env bash
# Assembles the Azure Functions app folder: the ASP.NET Core app published self-contained for linux-x64
# into app/, with host.json and one folder per function (functions/*/function.json) beside it. The
# folder is what the Functions host expects at its root, ready for zip deployment.
#
#   eng/publish.sh [--zip] [--artifacts-path DIR] [output-dir]   # output-dir defaults to publish/ at the root
#
#   --zip                 also writes <output-dir>.zip (it keeps the executable bit of app/Messaging.Functions)
#   --artifacts-path DIR  build in DIR instead of the projects' bin/ and obj/ (keeps the work tree untouched)
#
# Re-running replaces the output folder, but only one this script made (it leaves a marker file), so a
# mistyped path never deletes anything else.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
make_zip=false
out=""
build_options=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --zip) make_zip=true ;;
    --artifacts-path)
      if [[ $# -lt 2 ]]; then echo "publish.sh: --artifacts-path needs a folder" >&2; exit 2; fi
      build_options+=(--artifacts-path "$2")
      shift ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "publish.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      if [[ -n "$out" ]]; then echo "publish.sh: give at most one output folder" >&2; exit 2; fi
      out="$1" ;;
  esac
  shift
done
out="${out:-$root/publish}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
marker="$out/.messaging-publish"

if [[ "$out" == "/" || "$out" == "$root" || "$root" == "$out"/* ]]; then
  echo "publish.sh: refusing to publish into $out (it holds the repository)" >&2
  exit 2
fi
if [[ -n "$(ls -A "$out")" && ! -f "$marker" ]]; then
  echo "publish.sh: $out is not empty and was not made by this script; choose an empty or new folder" >&2
  exit 2
fi
find "$out" -mindepth 1 -delete
touch "$marker"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Self-contained: the Functions custom-handler image has no .NET 10 runtime to lean on.
dotnet publish "$root/src/Messaging.Functions/Messaging.Functions.csproj" \
  --configuration Release --runtime linux-x64 --self-contained true \
  --output "$out/app" -p:DebugType=None -p:DebugSymbols=false ${build_options[@]+"${build_options[@]}"}

executable="$out/app/Messaging.Functions"
if [[ ! -f "$executable" ]]; then
  echo "publish.sh: $executable is missing after dotnet publish (host.json points at it)" >&2
  exit 1
fi
chmod 755 "$executable"

cp "$root/host.json" "$out/host.json"
count=0
for definition in "$root"/functions/*/function.json; do
  name="$(basename "$(dirname "$definition")")"
  mkdir -p "$out/$name"
  cp "$definition" "$out/$name/function.json"
  count=$((count + 1))
done
if [[ "$count" -eq 0 ]]; then
  echo "publish.sh: no functions/*/function.json found" >&2
  exit 1
fi

if [[ "$make_zip" == true ]]; then
  if ! command -v zip >/dev/null 2>&1; then
    echo "publish.sh: --zip needs the zip command (Debian: apt-get install zip)" >&2
    exit 1
  fi
  rm -f "$out.zip"
  # -X leaves out extra attributes but keeps Unix permissions, so the handler stays executable.
  (cd "$out" && zip -q -r -X "$out.zip" . -x .messaging-publish)
  echo "Wrote $out.zip"
fi
echo "Published the Functions app ($count functions) to $out"

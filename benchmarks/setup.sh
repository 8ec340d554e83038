#!/bin/sh
# Installs what benchmarks need beyond the Python packages: WordNet 3.0 (Debian package
# wordnet-base, data files in /usr/share/wordnet), the spin benchmark's spinner thesaurus.
set -eu
if [ -f /usr/share/wordnet/data.noun ]; then
    echo "WordNet 3.0 already in /usr/share/wordnet"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends wordnet-base
test -f /usr/share/wordnet/data.noun
echo "WordNet 3.0 installed in /usr/share/wordnet"

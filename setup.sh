#!/usr/bin/env bash
# The one set-up script. Run as root on Debian 12 from the repository root:
#   bash setup.sh demo   install, build, install aisearch, index corpus/ into
#                        the default database and run: aisearch "H800"
#   bash setup.sh test   install, build, and run the whole test suite, also
#                        under AddressSanitizer + UBSan (all but
#                        eval_duplicates, a 75 s quality measure there whose
#                        code paths the unit and e2e tests already cover)
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES=(build-essential cmake pkg-config python3
  libxapian-dev xapian-tools libicu-dev libcli11-dev libboost-test-dev
  nlohmann-json3-dev libfmt-dev libxml2-dev)
# The Korean development evaluation runs on Debian's LibreOffice help pages.
TEST_PACKAGES=(libreoffice-help-ko libreoffice-help-en-us)

install_packages() {
    local missing=()
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

build() {  # PRESET
    cmake --preset "$1" >/dev/null
    cmake --build --preset "$1" -j "$(nproc)"
}

case "${1:-}" in
demo)
    install_packages "${BUILD_PACKAGES[@]}"
    build default
    cmake --install build/default >/dev/null
    ldconfig
    aisearch-index corpus
    aisearch "H800"
    ;;
test)
    install_packages "${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    build default
    ctest --preset default
    build asan
    ctest --preset asan
    ;;
*)
    echo "usage: bash setup.sh demo|test" >&2
    exit 2
    ;;
esac

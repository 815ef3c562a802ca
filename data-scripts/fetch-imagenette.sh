#!/usr/bin/env bash
# Fetches and prepares imagenette: data-scripts/fetch-dataset.sh imagenette [--root DIR] [--dry-run] [--mirror URL] [--from DIR]
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch-dataset.sh" imagenette "$@"

#!/usr/bin/env bash
# Fetches and prepares ffhq: data-scripts/fetch-dataset.sh ffhq [--root DIR] [--dry-run] [--mirror URL] [--from DIR]
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch-dataset.sh" ffhq "$@"

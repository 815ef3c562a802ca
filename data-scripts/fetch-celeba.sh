#!/usr/bin/env bash
# Fetches and prepares celeba: data-scripts/fetch-dataset.sh celeba [--root DIR] [--dry-run] [--mirror URL] [--from DIR]
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch-dataset.sh" celeba "$@"

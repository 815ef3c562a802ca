#!/usr/bin/env bash
# Fetches and prepares librispeech: data-scripts/fetch-dataset.sh librispeech [--root DIR] [--dry-run] [--mirror URL] [--from DIR]
exec bash "$(dirname "${BASH_SOURCE[0]}")/fetch-dataset.sh" librispeech "$@"

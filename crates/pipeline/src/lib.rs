//! dragoman-pipeline (work in progress).

//! dragoman-syntax (work in progress).

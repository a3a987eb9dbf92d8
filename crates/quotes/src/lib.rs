//! dragoman-quotes (work in progress).

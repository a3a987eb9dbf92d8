//! dragoman-time (work in progress).

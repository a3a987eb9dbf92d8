//! dragoman-segment (work in progress).

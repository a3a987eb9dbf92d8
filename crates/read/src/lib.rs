//! dragoman-read (work in progress).

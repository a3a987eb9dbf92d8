//! dragoman-events (work in progress).

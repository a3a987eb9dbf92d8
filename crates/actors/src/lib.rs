//! dragoman-actors (work in progress).

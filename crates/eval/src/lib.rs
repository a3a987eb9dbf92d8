//! Evaluation of dragoman's stages against gold data (work in progress).

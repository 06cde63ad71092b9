//! Gilgamesh's runtime: the object model, compiler, VM and builtins, generic
//! over a [`LockStrategy`].
pub mod header;
pub mod strategy;
pub mod sync;

pub use strategy::{LockStats, LockStrategy, StrategyConfig, ThreadIdent};
pub mod object {
    pub use crate::header::Header;
}

pub fn main(_a: ScaleArgs) -> std::process::ExitCode { std::process::ExitCode::SUCCESS }
#[derive(clap::Args)] pub struct ScaleArgs {}

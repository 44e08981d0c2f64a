use clap::Parser;
use schemadrift::cli::{Cli, Outcome, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(error) => {
            eprintln!("schemadrift: error: {error}");
            ExitCode::from(2)
        }
    }
}

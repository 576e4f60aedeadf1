fn main() -> std::process::ExitCode {
    claimdesk::cli::run()
}

fn main() -> std::process::ExitCode {
    content_club::cli::main()
}

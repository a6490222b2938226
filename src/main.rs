fn main() -> std::process::ExitCode {
    roadmap_lsp::cli::main()
}

fn main() -> std::process::ExitCode {
    factgraph::cli::main()
}

fn main() {
    std::process::exit(spillway::cli::main());
}

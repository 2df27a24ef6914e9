fn main() {
    std::process::exit(ctgc::cli::main());
}

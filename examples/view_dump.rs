fn main() {
    let path = std::env::args().nth(1).expect("path");
    let comp = ctgc::compile::compile(std::path::Path::new(&path), Default::default()).expect("compile");
    let v = ctgc::render::view::build(&comp.model);
    println!("{}", serde_json::to_string_pretty(&v).unwrap());
}

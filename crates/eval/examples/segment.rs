fn main() {
    let path = std::env::args().nth(1).expect("path");
    let gold = dragoman_eval::read_conllu(std::path::Path::new(&path)).expect("read");
    print!("{}", dragoman_eval::segment::evaluate(&gold).report());
}

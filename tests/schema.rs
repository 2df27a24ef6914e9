//! `schema/export.schema.json` is the documented shape of `ctgc export`: it must match the code.
//! Regenerate it with `CTGC_UPDATE_SCHEMA=1 cargo test --test schema`.

#[test]
fn committed_schema_matches_the_export_types() {
    let generated = ctgc::export::schema();
    let path = "schema/export.schema.json";
    if std::env::var_os("CTGC_UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).expect("write schema");
    }
    let committed = std::fs::read_to_string(path).expect("schema/export.schema.json exists");
    assert_eq!(
        committed, generated,
        "run CTGC_UPDATE_SCHEMA=1 cargo test --test schema and commit the result"
    );
}

#[test]
fn export_of_an_example_has_every_required_key() {
    let comp = ctgc::compile::compile(
        std::path::Path::new("conventions/carlades"),
        Default::default(),
    )
    .unwrap();
    let value = serde_json::to_value(ctgc::export::export(&comp.model)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&ctgc::export::schema()).unwrap();
    for key in schema["required"].as_array().unwrap() {
        assert!(value.get(key.as_str().unwrap()).is_some(), "missing {key}");
    }
}

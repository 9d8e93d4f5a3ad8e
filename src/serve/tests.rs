use super::api::{params, same_token, Page, SearchParams};
use super::web::meta_csp;
use axum::http::{StatusCode, Uri};

#[test]
fn csp_is_read_from_the_meta_tag_and_unescaped() {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">\n\
                <meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; \
                style-src &#39;sha256-AB+c/=&#39;\">\n<title>x</title></head><body>\
                <p>http-equiv=\"Content-Security-Policy\" content=\"evil\"</p></body></html>";
    assert_eq!(
        meta_csp(page).as_deref(),
        Some("default-src 'none'; style-src 'sha256-AB+c/='")
    );
    assert_eq!(
        meta_csp("<html><head></head><body>no policy</body></html>"),
        None
    );
    // A policy-looking text in the body is not taken.
    assert_eq!(
        meta_csp("<head></head><p>http-equiv=\"Content-Security-Policy\" content=\"x\"</p>"),
        None
    );
}

#[test]
fn tokens_compare_whole() {
    assert!(same_token(b"s3cret", b"s3cret"));
    assert!(!same_token(b"s3cre", b"s3cret"));
    assert!(!same_token(b"s3cretX", b"s3cret"));
    assert!(!same_token(b"", b"s3cret"));
    assert!(!same_token(b"S3cret", b"s3cret"));
}

#[test]
fn pages_are_bounded() {
    let p = |q: &str| params::<Page>(&q.parse::<Uri>().unwrap());
    assert_eq!(p("/x").unwrap().get().unwrap(), (50, 0));
    assert_eq!(p("/x?limit=5&offset=10").unwrap().get().unwrap(), (5, 10));
    assert_eq!(
        p("/x?limit=0").unwrap().get().unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        p("/x?limit=100000").unwrap().get().unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        p("/x?limit=abc").unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        p("/x?offset=-1").unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn search_parameters_are_checked() {
    let q = |s: &str| params::<SearchParams>(&s.parse::<Uri>().unwrap()).and_then(|p| p.query());
    let ok = q("/s?q=harbor+vote&outlet=Valley%20Post&from=2024-03-01&kind=quote,article&speaker=")
        .unwrap();
    assert_eq!(ok.text, "harbor vote");
    assert_eq!(ok.outlet.as_deref(), Some("Valley Post"));
    assert_eq!(ok.from.as_deref(), Some("2024-03-01"));
    assert_eq!(ok.speaker, None, "an empty field is no filter");
    assert_eq!(
        ok.kinds,
        vec![parallax_search::Kind::Article, parallax_search::Kind::Quote]
    );
    assert_eq!(
        q("/s?from=March").unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        q("/s?to=2024-02-30").unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        q("/s?kind=video").unwrap_err().status,
        StatusCode::BAD_REQUEST
    );
}

#[test]
fn openapi_lists_every_api_route() {
    let doc = super::openapi::document();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/stories",
        "/api/stories/{id}",
        "/api/articles",
        "/api/articles/{id}",
        "/api/quotes",
        "/api/entities",
        "/api/search",
        "/api/stats",
        "/api/openapi.json",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    assert!(doc["paths"]["/api/articles"]["post"].is_object());
    // Every $ref points at a defined schema.
    let text = doc.to_string();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for part in text.split("#/components/schemas/").skip(1) {
        let name: String = part.chars().take_while(|c| c.is_alphanumeric()).collect();
        assert!(schemas.contains_key(&name), "undefined schema {name}");
    }
}

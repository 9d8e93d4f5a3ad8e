//! The OpenAPI 3.1 description of the JSON API, written by hand so that it
//! says what the handlers in `api.rs` really do (a test checks that every
//! route is listed).

use serde_json::{json, Value};

fn param(name: &str, about: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": about, "schema": schema })
}

fn id_param(about: &str) -> Value {
    json!({ "name": "id", "in": "path", "required": true, "description": about,
            "schema": { "type": "string" } })
}

fn page_params() -> Vec<Value> {
    vec![
        param(
            "limit",
            "Page size (default 50).",
            json!({ "type": "integer", "minimum": 1, "maximum": super::api::MAX_LIMIT }),
        ),
        param(
            "offset",
            "Items to skip.",
            json!({ "type": "integer", "minimum": 0 }),
        ),
    ]
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn ok(about: &str, schema: Value) -> Value {
    json!({ "description": about, "content": { "application/json": { "schema": schema } } })
}

fn error(about: &str) -> Value {
    ok(about, schema_ref("Error"))
}

/// A list answer `{limit, offset, KEY: [ITEM]}`.
fn list(key: &str, item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["limit", "offset", key],
        "properties": {
            "limit": { "type": "integer" },
            "offset": { "type": "integer" },
            key: { "type": "array", "items": schema_ref(item) }
        }
    })
}

fn get(summary: &str, params: Vec<Value>, answer: Value, not_found: bool) -> Value {
    let mut responses = json!({
        "200": answer,
        "400": error("A malformed parameter."),
        "500": error("An internal error."),
    });
    if not_found {
        responses["404"] = error("No such id.");
    }
    json!({ "get": { "summary": summary, "parameters": params, "responses": responses } })
}

fn nullable(t: &str) -> Value {
    json!({ "type": [t, "null"] })
}

fn strings() -> Value {
    json!({ "type": "array", "items": { "type": "string" } })
}

fn schemas() -> Value {
    json!({
        "Error": {
            "type": "object", "required": ["error"],
            "properties": { "error": { "type": "string" } }
        },
        "StoryRow": {
            "type": "object", "required": ["id", "size", "seq"],
            "properties": {
                "id": { "type": "string" },
                "title": nullable("string"),
                "size": { "type": "integer", "description": "Articles in the story." },
                "first_day": nullable("string"),
                "last_day": nullable("string"),
                "seq": { "type": "integer", "description": "Batch that last changed the story." }
            }
        },
        "Story": {
            "type": "object",
            "description": "A story's report entry, as in `parallax analyze --format json` (docs/report-format.md).",
            "properties": {
                "id": { "type": "string" },
                "title": nullable("string"),
                "articles": strings(),
                "summary": { "type": "array", "items": { "type": "object" } },
                "entities": { "type": "array", "items": { "type": "object" } },
                "quotes": { "type": "array", "items": { "type": "object" } },
                "facts": { "type": "array", "items": { "type": "object" } },
                "discrepancies": { "type": "array", "items": { "type": "object" } },
                "reuse": { "type": "array", "items": { "type": "object" } },
                "framing": { "type": "array", "items": { "type": "object" } },
                "timeline": { "type": "array", "items": { "type": "object" } }
            },
            "additionalProperties": true
        },
        "StoryDetail": {
            "type": "object", "required": ["id", "listing", "story", "articles", "events"],
            "properties": {
                "id": { "type": "string" },
                "listing": schema_ref("StoryRow"),
                "story": schema_ref("Story"),
                "articles": { "type": "array", "items": schema_ref("ArticleMeta") },
                "events": { "type": "array", "items": schema_ref("Event") }
            }
        },
        "ArticleMeta": {
            "type": "object", "required": ["id", "source", "n", "added_at", "seq"],
            "properties": {
                "id": { "type": "string" },
                "source": { "type": "string" },
                "outlet": nullable("string"),
                "title": nullable("string"),
                "byline": strings(),
                "published": nullable("string"),
                "url": nullable("string"),
                "language": nullable("string"),
                "chars": { "type": "integer", "description": "Length of the clean text in bytes." },
                "story": nullable("string"),
                "n": { "type": "integer", "description": "Arrival order." },
                "added_at": { "type": "string" },
                "seq": { "type": "integer" }
            }
        },
        "Article": {
            "type": "object", "required": ["id", "source", "text", "n", "added_at", "seq"],
            "properties": {
                "id": { "type": "string" },
                "source": { "type": "string" },
                "outlet": nullable("string"),
                "title": nullable("string"),
                "byline": strings(),
                "published": nullable("string"),
                "url": nullable("string"),
                "language": nullable("string"),
                "text": { "type": "string", "description": "Clean text; paragraphs separated by a blank line." },
                "removed": { "type": "array", "items": { "type": "object" } },
                "paragraphs": { "type": "array", "items": { "type": "object" } },
                "sentences": { "type": "array", "items": { "type": "object" } },
                "story": nullable("string"),
                "n": { "type": "integer" },
                "added_at": { "type": "string" },
                "seq": { "type": "integer" }
            }
        },
        "Quote": {
            "type": "object", "required": ["story", "article", "start", "end", "text"],
            "properties": {
                "story": { "type": "string" },
                "article": { "type": "string" },
                "start": { "type": "integer", "description": "Byte offset in the article text." },
                "end": { "type": "integer" },
                "speaker": nullable("string"),
                "text": { "type": "string" }
            }
        },
        "Entity": {
            "type": "object", "required": ["story", "id", "name", "kind", "aliases", "mentions"],
            "properties": {
                "story": { "type": "string" },
                "id": { "type": "string" },
                "name": { "type": "string" },
                "kind": { "type": "string" },
                "aliases": strings(),
                "mentions": { "type": "integer" }
            }
        },
        "Event": {
            "type": "object", "required": ["seq", "kind", "story", "other", "event"],
            "properties": {
                "seq": { "type": "integer" },
                "kind": { "type": "string", "enum": ["merged", "split"] },
                "story": { "type": "string" },
                "other": { "type": "string" },
                "event": { "type": "object" }
            }
        },
        "Hit": {
            "type": "object", "required": ["kind", "score", "text"],
            "properties": {
                "kind": { "type": "string", "enum": ["article", "quote", "entity"] },
                "score": { "type": "number" },
                "article": nullable("string"),
                "story": nullable("string"),
                "title": nullable("string"),
                "outlet": nullable("string"),
                "published": nullable("string"),
                "speaker": nullable("string"),
                "entity": nullable("string"),
                "text": { "type": "string" },
                "snippet": nullable("string"),
                "start": nullable("integer"),
                "end": nullable("integer")
            }
        },
        "Stats": {
            "type": "object",
            "required": ["articles", "stories", "quotes", "entities", "rejected", "seq"],
            "properties": {
                "articles": { "type": "integer" },
                "stories": { "type": "integer" },
                "quotes": { "type": "integer" },
                "entities": { "type": "integer" },
                "rejected": { "type": "integer" },
                "seq": { "type": "integer", "description": "Last committed batch." },
                "index_seq": nullable("integer"),
                "version": { "type": "string" }
            }
        },
        "NewArticle": {
            "type": "object",
            "description": "One article to add: `text` or `html` is required.",
            "properties": {
                "title": { "type": "string" },
                "text": { "type": "string" },
                "html": { "type": "string" },
                "url": { "type": "string" },
                "outlet": { "type": "string" },
                "published": { "type": "string" },
                "byline": { "oneOf": [ { "type": "string" }, strings() ] }
            }
        },
        "BatchReport": {
            "type": "object",
            "required": ["seq", "added", "duplicates", "rejected", "stories_touched", "events"],
            "properties": {
                "seq": { "type": "integer" },
                "added": { "type": "array", "items": {
                    "type": "object", "required": ["id", "source", "story"],
                    "properties": {
                        "id": { "type": "string" }, "source": { "type": "string" },
                        "story": { "type": "string" }
                    }
                } },
                "duplicates": { "type": "array", "items": {
                    "type": "object", "required": ["source", "of"],
                    "properties": { "source": { "type": "string" }, "of": { "type": "string" } }
                } },
                "rejected": { "type": "array", "items": {
                    "type": "object", "required": ["source", "error"],
                    "properties": { "source": { "type": "string" }, "error": { "type": "string" } }
                } },
                "stories_touched": { "type": "integer" },
                "events": { "type": "integer" }
            }
        }
    })
}

/// The whole document.
pub fn document() -> Value {
    let story_id = id_param("Story id.");
    let article_id = id_param("Article id.");
    let mut quote_params = vec![
        param("story", "Only this story.", json!({ "type": "string" })),
        param("article", "Only this article.", json!({ "type": "string" })),
        param(
            "speaker",
            "Speaker's full name or last name, case-insensitive.",
            json!({ "type": "string" }),
        ),
    ];
    quote_params.extend(page_params());
    let mut entity_params = vec![
        param("story", "Only this story.", json!({ "type": "string" })),
        param(
            "name",
            "Part of the name or an alias, case-insensitive.",
            json!({ "type": "string" }),
        ),
    ];
    entity_params.extend(page_params());
    let day = json!({ "type": "string", "format": "date" });
    let mut search_params = vec![
        param(
            "q",
            "Words, \"exact phrases\", +must -not; empty lists what the filters match, newest first.",
            json!({ "type": "string" }),
        ),
        param("outlet", "Exact outlet, case-insensitive.", json!({ "type": "string" })),
        param("from", "Published on or after (YYYY-MM-DD).", day.clone()),
        param("to", "Published on or before (YYYY-MM-DD).", day),
        param(
            "speaker",
            "Quotes by this speaker (full or last name).",
            json!({ "type": "string" }),
        ),
        param("story", "Only this story.", json!({ "type": "string" })),
        param(
            "kind",
            "Comma-separated kinds: article, quote, entity (default all).",
            json!({ "type": "string" }),
        ),
    ];
    search_params.extend(page_params());

    let mut articles = get(
        "Articles in arrival order (metadata, no text).",
        page_params(),
        ok("A page of articles.", list("articles", "ArticleMeta")),
        false,
    );
    articles["post"] = json!({
        "summary": "Add one article or an array of them as one batch (needs the server's token).",
        "security": [ { "bearer": [] } ],
        "requestBody": {
            "required": true,
            "content": { "application/json": { "schema": {
                "oneOf": [ schema_ref("NewArticle"),
                           { "type": "array", "minItems": 1, "items": schema_ref("NewArticle") } ]
            } } }
        },
        "responses": {
            "200": ok("What the batch did.", schema_ref("BatchReport")),
            "400": error("The body is not an article object or array."),
            "401": error("Missing or wrong token."),
            "403": error("Adding is disabled on this server (no token configured)."),
            "413": error(&format!("Body over {} bytes.", super::BODY_LIMIT)),
            "500": error("An internal error.")
        }
    });

    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Parallax API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Stories built from many outlets' articles: every side of each story, \
                            its quotes, entities and full-text search. Errors are {\"error\": message}.",
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" }
        },
        "paths": {
            "/api/stories": get(
                "Stories, the latest news first.",
                page_params(),
                ok("A page of stories.", list("stories", "StoryRow")),
                false,
            ),
            "/api/stories/{id}": get(
                "One story: its report entry, its articles' metadata and its merge/split events.",
                vec![story_id],
                ok("The story.", schema_ref("StoryDetail")),
                true,
            ),
            "/api/articles": articles,
            "/api/articles/{id}": get(
                "One article with its clean text.",
                vec![article_id],
                ok("The article.", schema_ref("Article")),
                true,
            ),
            "/api/quotes": get(
                "Quote occurrences, by story and position.",
                quote_params,
                ok("A page of quotes.", list("quotes", "Quote")),
                false,
            ),
            "/api/entities": get(
                "Story-level entities, most mentioned first.",
                entity_params,
                ok("A page of entities.", list("entities", "Entity")),
                false,
            ),
            "/api/search": get(
                "Full-text search over articles, quotes and entities.",
                search_params,
                ok("A page of hits.", list("hits", "Hit")),
                false,
            ),
            "/api/stats": get(
                "Collection totals and the last batch.",
                vec![],
                ok("The totals.", schema_ref("Stats")),
                false,
            ),
            "/api/openapi.json": {
                "get": {
                    "summary": "This document.",
                    "responses": { "200": { "description": "OpenAPI 3.1",
                        "content": { "application/json": { "schema": { "type": "object" } } } } }
                }
            }
        },
        "components": {
            "schemas": schemas(),
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
        }
    })
}

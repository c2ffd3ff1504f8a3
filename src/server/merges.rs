//! The merges of the JSON API, as `factgraph merge`, `merges` and `unmerge` make them:
//! `GET /api/merges`, and on writable servers `POST /api/merges` and `DELETE /api/merges/{n}`.

use std::sync::Arc;

use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::api::{answer, json_response, to_json};
use super::respond::{ApiError, blocking};
use super::{Shared, content_type, read_body};
use crate::diagnostic::WithHelp;
use crate::merge;

/// What `POST /api/merges` takes: B (`into`) absorbs A (`absorbed`), each a label, an alias or
/// an IRI.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MergeRequest {
    absorbed: String,
    into: String,
}

fn merge_error(err: merge::Error) -> ApiError {
    let status = match &err {
        merge::Error::UnknownEntity { .. } | merge::Error::NoSuchMerge { .. } => {
            StatusCode::NOT_FOUND
        }
        merge::Error::Ambiguous { .. } | merge::Error::Same { .. } => StatusCode::BAD_REQUEST,
        merge::Error::LaterMerge { .. } | merge::Error::Changed { .. } => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    ApiError::new(status, WithHelp(&err).to_string())
}

/// `GET /api/merges`: the merges recorded, oldest first.
pub(super) async fn list(State(shared): State<Arc<Shared>>) -> Response {
    answer(&shared, |shared| {
        let merges = merge::merges(&shared.store).map_err(merge_error)?;
        to_json(&merge::MergeList(merges))
    })
    .await
}

/// `POST /api/merges` with `{"absorbed": A, "into": B}`.
pub(super) async fn add(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let outcome = async {
        shared.authorize(&headers)?;
        if content_type(&headers) != "application/json" {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send {\"absorbed\": NAME, \"into\": NAME} as application/json",
            ));
        }
        let body = read_body(&shared, request.into_body()).await?;
        let asked: MergeRequest = serde_json::from_slice(&body).map_err(|err| {
            ApiError::bad_request(format!(
                "{err}; send {{\"absorbed\": NAME, \"into\": NAME}}: the entity that goes and the one that absorbs it"
            ))
        })?;
        let writer = shared.clone();
        let done = blocking(move || {
            writer.write(|store| {
                merge::merge(store, &asked.absorbed, &asked.into, writer.ontology)
                    .map_err(merge_error)
            })
        })
        .await?;
        Ok(json_response(
            StatusCode::CREATED,
            &serde_json::to_value(done).map_err(ApiError::internal)?,
        ))
    }
    .await;
    outcome.unwrap_or_else(|err: ApiError| err.in_json().into_response())
}

/// `DELETE /api/merges/{number}`: undoes that merge.
pub(super) async fn remove(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    UrlPath(number): UrlPath<String>,
) -> Response {
    let outcome = async {
        shared.authorize(&headers)?;
        let number: u32 = number.parse().map_err(|_: std::num::ParseIntError| {
            ApiError::bad_request(format!(
                "`{number}` is no merge number; GET /api/merges lists them"
            ))
        })?;
        let writer = shared.clone();
        let undone: merge::Merge = blocking(move || {
            writer.write(|store| merge::unmerge(store, number).map_err(merge_error))
        })
        .await?;
        Ok(json_response(
            StatusCode::OK,
            &serde_json::to_value(undone).map_err(ApiError::internal)?,
        ))
    }
    .await;
    outcome.unwrap_or_else(|err: ApiError| err.in_json().into_response())
}

//! The article model: the default articles of every convention, from `articles.yaml` in the
//! project's templates directory, else the built-in one.

use super::config::yaml_message;
use super::read_text;
use crate::model::DefaultArticle;
use crate::project::{Config, LoadError, Project};
use crate::templates::{self, ARTICLES_FILE};
use crate::world::{Kind, World};

/// Reads the project's article model, else the built-in one. `Err`: the project's file cannot be
/// read, or is not the YAML list of articles.
pub(super) fn load(
    world: &dyn World,
    project: &Project,
    config: &Config,
) -> Result<Vec<DefaultArticle>, LoadError> {
    let path = templates::project_dir(project, config).join(ARTICLES_FILE);
    let (text, name) = if world.metadata(&path).is_ok_and(|m| m.kind == Kind::File) {
        (read_text(world, &path)?, path.display().to_string())
    } else {
        (
            templates::ARTICLES.to_string(),
            format!("{ARTICLES_FILE} (intégré)"),
        )
    };
    serde_yaml::from_str(&text).map_err(|e| LoadError::Articles {
        name,
        why: yaml_message(&e),
    })
}

//! PowerShell completion: clap_complete's script, which offers the names of commands and options
//! but never their values, with a block that offers the values too.

use clap::Command;

/// Where the block goes: before the script's own list of completions, so that after an option
/// that takes values the values come instead of the names.
const MARKER: &str = "    $completions = @(switch ($command) {";

/// The script for COMMAND (built, as clap_complete leaves it), CLAP_SCRIPT being clap_complete's.
pub(super) fn with_values(command: &Command, clap_script: &str) -> String {
    let mut paths = Vec::new();
    let mut cases = Vec::new();
    collect(command, command.get_name(), &mut paths, &mut cases);
    let list = |values: &[String]| {
        values
            .iter()
            .map(|v| quoted(v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut block = String::from(
        "    # ctgc: after an option (or a command) whose values are known, offer those values.\n",
    );
    block.push_str(&format!("    $ctgcCommands = @({})\n", list(&paths)));
    block.push_str(
        "    $ctgcPath = 'ctgc'
    $ctgcPrevious = ''
    foreach ($element in $commandElements) {
        if ($element.Extent.EndOffset -ge $cursorPosition) { break }
        $text = $element.Extent.Text
        if ($ctgcCommands -contains \"$ctgcPath;$text\") { $ctgcPath = \"$ctgcPath;$text\" }
        $ctgcPrevious = $text
    }
    $ctgcValues = switch (\"$ctgcPath $ctgcPrevious\") {
",
    );
    for (key, values) in &cases {
        block.push_str(&format!("        {} {{ {} }}\n", quoted(key), list(values)));
    }
    block.push_str(
        "    }
    if ($ctgcValues) {
        @($ctgcValues) | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {
            [CompletionResult]::new($_, $_, [CompletionResultType]::ParameterValue, $_)
        }
        return
    }

",
    );
    clap_script.replacen(MARKER, &(block + MARKER), 1)
}

/// The command paths (`ctgc;build`) below COMMAND, and the cases of the value switch: the path
/// and the word before the cursor (`ctgc;build --format`; for the first argument, the command's
/// own name: `ctgc;explain explain`), with the values offered there.
fn collect(
    command: &Command,
    path: &str,
    paths: &mut Vec<String>,
    cases: &mut Vec<(String, Vec<String>)>,
) {
    for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if values.is_empty() {
            continue;
        }
        if arg.is_positional() {
            if arg.get_index() == Some(1) {
                cases.push((format!("{path} {}", command.get_name()), values));
            }
            continue;
        }
        let longs = arg.get_long_and_visible_aliases().unwrap_or_default();
        let shorts = arg.get_short_and_visible_aliases().unwrap_or_default();
        for word in longs
            .iter()
            .map(|l| format!("--{l}"))
            .chain(shorts.iter().map(|s| format!("-{s}")))
        {
            cases.push((format!("{path} {word}"), values.clone()));
        }
    }
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub_path = format!("{path};{}", sub.get_name());
        paths.push(sub_path.clone());
        collect(sub, &sub_path, paths, cases);
    }
}

/// A PowerShell string in single quotes.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

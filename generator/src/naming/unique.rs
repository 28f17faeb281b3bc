//! Making the rule's operation names unique (see "Unique names" in the module docs of
//! [`crate::naming`]). Names collide on the target's key ([`Target::operation_key`]).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Method, Operation, PathPart, Unnamed};

use super::rule::operation_name_with_verb;
use super::{Target, snake_name};

/// A path with its variables' names left out: two templates that reach the same endpoints.
pub(super) fn endpoint_key(op: &Operation<Unnamed>) -> String {
    fn walk(parts: &[PathPart], out: &mut String) {
        for p in parts {
            match p {
                PathPart::Literal(s) => out.push_str(s),
                PathPart::Var(_) => out.push_str("{}"),
                PathPart::Glob(_) => out.push('*'),
                PathPart::Optional(inner) => {
                    out.push('(');
                    walk(inner, out);
                    out.push(')');
                }
            }
        }
    }
    let mut s = String::new();
    walk(&op.path.parts, &mut s);
    s
}

/// Final names of `ops`, whose first names are `names`: those the overlay gave
/// (`by_rule[i]` false) as they are, rule names made unique by the steps of the module
/// docs.
pub fn unique_names(
    ops: &[Operation<Unnamed>],
    mut names: Vec<String>,
    by_rule: &[bool],
    target: &dyn Target,
) -> Vec<String> {
    let key = |name: &str| target.operation_key(name);
    // Groups of rule-named operations sharing a key, in the order of their first member.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: BTreeMap<String, usize> = BTreeMap::new();
    for (i, name) in names.iter().enumerate() {
        if !by_rule[i] {
            continue;
        }
        match group_of.get(&key(name)) {
            Some(&g) => groups[g].push(i),
            None => {
                group_of.insert(key(name), groups.len());
                groups.push(vec![i]);
            }
        }
    }
    // Keys already in use: every rule name not in a colliding group. (The overlay's names
    // are left out: one that meets a rule name is an error, not renumbered around.)
    let mut taken: BTreeSet<String> = names
        .iter()
        .enumerate()
        .filter(|(i, name)| by_rule[*i] && groups[group_of[&key(name)]].len() == 1)
        .map(|(_, name)| key(name))
        .collect();
    for group in groups.iter().filter(|g| g.len() > 1) {
        let members: Vec<(&Operation<Unnamed>, String)> =
            group.iter().map(|&i| (&ops[i], names[i].clone())).collect();
        for (&i, name) in group.iter().zip(disambiguate(&members, &taken, target)) {
            taken.insert(key(&name));
            names[i] = name;
        }
    }
    names
}

/// Names for operations the rule named alike (each with its rule name), in their order
/// (steps of the module docs); none of them is in `taken`.
fn disambiguate(
    ops: &[(&Operation<Unnamed>, String)],
    taken: &BTreeSet<String>,
    target: &dyn Target,
) -> Vec<String> {
    let key = |name: &str| target.operation_key(name);
    let mut names: Vec<String> = ops.iter().map(|(_, name)| name.clone()).collect();
    // 1. Method.
    let methods: BTreeSet<Method> = ops.iter().map(|(o, _)| o.method).collect();
    if methods.len() > 1 {
        for (name, (op, _)) in names.iter_mut().zip(ops) {
            let verb = name.split('_').next().unwrap_or_default();
            let own = match (verb, op.method) {
                ("upload", Method::Post) => Some("create"),
                ("upload", Method::Put | Method::Patch) => Some("update"),
                ("update", Method::Patch) => Some("patch"),
                _ => None,
            };
            if let Some(own) = own {
                *name = operation_name_with_verb(op, own);
            }
        }
    }
    // 2. Variables the others lack.
    let alike = |names: &[String], i: usize| -> Vec<usize> {
        let k = key(&names[i]);
        (0..names.len()).filter(|&j| key(&names[j]) == k).collect()
    };
    let snapshot = names.clone();
    for i in 0..ops.len() {
        // Against the others of another endpoint: one declared twice (whatever its
        // variables are called) is numbered.
        let endpoint = |o: &Operation<Unnamed>| (o.method, endpoint_key(o));
        let peers: Vec<usize> = alike(&snapshot, i)
            .into_iter()
            .filter(|&j| endpoint(ops[j].0) != endpoint(ops[i].0))
            .collect();
        if peers.is_empty() {
            continue;
        }
        let vars = |o: &Operation<Unnamed>| -> Vec<String> {
            o.path
                .variables()
                .into_iter()
                .map(|(n, _)| n.to_owned())
                .collect()
        };
        let mine = vars(ops[i].0);
        let extra: Vec<&String> = mine
            .iter()
            .filter(|v| peers.iter().any(|&j| !vars(ops[j].0).contains(v)))
            .collect();
        if !extra.is_empty() {
            let words: Vec<String> = extra
                .iter()
                .map(|v| target.identifier(&snake_name(v)))
                .collect();
            names[i] = format!("{}_by_{}", snapshot[i], words.join("_and_"));
        }
    }
    // 3. Order.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for name in &mut names {
        let base = name.clone();
        let mut n = 2;
        while taken.contains(&key(name)) || used.contains(&key(name)) {
            *name = format!("{base}_{n}");
            n += 1;
        }
        used.insert(key(name));
    }
    names
}

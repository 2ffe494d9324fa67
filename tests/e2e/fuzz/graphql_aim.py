"""Generated GraphQL documents, aimed: ids the generator made up are often
swapped for ids the database holds, so that requests reach past "not found";
and the root field of each mutation asks for ``__typename``, so that a test
can tell a change made from one refused."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import graphql
from graphql import language as ast

KIND = "fuzzResultKind"


def _is_id_name(name: str) -> bool:
    return name == "id" or name.endswith("Id")


def aimed(document: str, pick: Callable[[], str | None]) -> str:
    """The document with some ids replaced (``pick`` answers None to keep
    one) and ``__typename`` asked of each root field that has a selection."""
    try:
        tree = graphql.parse(document)
    except graphql.GraphQLError:
        return document  # a document that does not parse is sent as it is

    class Aim(graphql.Visitor):
        def enter_argument(self, node: ast.ArgumentNode, *_: object) -> object:
            return _aimed_value(node, pick)

        def enter_object_field(self, node: ast.ObjectFieldNode, *_: object) -> object:
            return _aimed_value(node, pick)

    tree = graphql.visit(tree, Aim())
    definitions = tuple(
        replace(d, selection_set=_with_kind(d.selection_set))
        if isinstance(d, ast.OperationDefinitionNode)
        else d
        for d in tree.definitions
    )
    tree = replace(tree, definitions=definitions)
    return graphql.print_ast(tree)


def _with_kind(roots: ast.SelectionSetNode) -> ast.SelectionSetNode:
    kind = ast.FieldNode(
        alias=ast.NameNode(value=KIND),
        name=ast.NameNode(value="__typename"),
        arguments=(),
        directives=(),
    )
    fields = tuple(
        replace(
            f,
            selection_set=replace(f.selection_set, selections=(*f.selection_set.selections, kind)),
        )
        if isinstance(f, ast.FieldNode) and f.selection_set is not None
        else f
        for f in roots.selections
    )
    return replace(roots, selections=fields)


def _aimed_value(
    node: ast.ArgumentNode | ast.ObjectFieldNode, pick: Callable[[], str | None]
) -> object:
    if not _is_id_name(node.name.value):
        return None
    if not isinstance(node.value, ast.StringValueNode | ast.IntValueNode):
        return None
    chosen = pick()
    if chosen is None:
        return None
    return type(node)(name=node.name, value=ast.StringValueNode(value=chosen))

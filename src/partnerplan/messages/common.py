"""What the catalogues share: argument types, the words for kinds of values, hint helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Args = dict[str, Any]
Text = Callable[[Args], str | None]

KIND_RU = {
    "text": "текст",
    "list": "список (строки, начинающиеся с «- »)",
    "mapping": "набор полей «ключ: значение»",
    "number": "число",
    "bool": "да/нет (true или false)",
    "null": "пустое значение",
}
KIND_EN = {
    "text": "text",
    "list": "a list (lines starting with '- ')",
    "mapping": "a mapping of 'key: value' fields",
    "number": "a number",
    "bool": "true or false",
    "null": "an empty value",
}


def maybe(template: str, key: str = "suggestion") -> Text:
    return lambda a: template.format(**a) if a.get(key) else None


def one_of(values: list[str], word: str) -> str:
    """«5 или 6», «done, moved или cancelled»: a list the way the reader says it."""
    values = [str(v) for v in values]
    if len(values) < 2:
        return "".join(values)
    return f"{', '.join(values[:-1])} {word} {values[-1]}"


def allowed(a: Args, word: str) -> str:
    # `allowed` is the list of values; old cached diagnostics have only Pydantic's text.
    return one_of(a["allowed"], word) if a.get("allowed") else str(a.get("expected", ""))


# libyaml's problems (English) in the reader's words; others are shown as they are.
YAML_PROBLEMS_RU = {
    "did not find expected node content": "после этого места ожидалось значение",
    "did not find expected ',' or ']'": "список в квадратных скобках не закрыт «]» или в нём нет запятой",
    "did not find expected ',' or '}'": "набор в фигурных скобках не закрыт «}» или в нём нет запятой",
    "block sequence entries are not allowed in this context": "здесь не может начинаться список «- »",
    "mapping keys are not allowed in this context": "здесь не может быть ключа",
    "found unexpected ':'": "двоеточие в неожиданном месте",
    "found undefined tag handle": "неизвестный тег (!…)",
    "did not find expected alphabetic or numeric character": "после & или * должно идти имя",
    "found unknown escape character": "неизвестная последовательность с обратной косой чертой",
    "found incompatible YAML document": "неподдерживаемая версия YAML в директиве %YAML",
    "found duplicate %YAML directive": "директива %YAML повторяется",
    "did not find expected <document start>": "ожидалось начало документа «---»",
    "could not find expected ':'": "ожидалось двоеточие",
    "did not find URI escaped octet": "неверный тег",
    "found a tab character that violates indentation": "табуляция вместо пробелов в отступе",
}


def yaml_problem_ru(problem: str) -> str:
    for key, text in YAML_PROBLEMS_RU.items():
        if problem.startswith(key):
            return text
    return problem

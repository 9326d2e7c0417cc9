"""Renders every case of a corpus folder with Python's Jinja2, set up as Hugging Face's apply_chat_template does.

Usage: python3 render.py CORPUS_DIR  ->  prints {"NAME": {"output": "..."} | {"error": "...", "raised": "..."|null}, ...}
One process renders the whole corpus so the comparison test stays fast. A case is NAME.jinja with an optional
NAME.json holding the template variables; NAME.cases holds many small cases separated by lines of "=====",
named NAME#0, NAME#1, ... and sharing NAME.json.
"""
import json
import os
import sys
from datetime import datetime

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension, loopcontrols
from jinja2.sandbox import ImmutableSandboxedEnvironment


class AssistantTracker(Extension):
    """HF's {% generation %} block; rendering passes its body through."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_render"), [], [], body).set_lineno(lineno)

    def _render(self, caller):
        return caller()


class TemplateRaised(Exception):
    pass


def raise_exception(message):
    raise TemplateRaised(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    # Hugging Face's override of Jinja's tojson (transformers chat_template_utils.py).
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return datetime.now().strftime(format)


def environment():
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[AssistantTracker, loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


SEPARATOR = "\n=====\n"


def render(env, source, context):
    try:
        return {"output": env.from_string(source).render(**context)}
    except TemplateRaised as e:
        return {"error": str(e), "raised": str(e)}
    except Exception as e:  # noqa: BLE001 - every failure is a result to compare
        return {"error": f"{type(e).__name__}: {e}", "raised": None}


def main():
    folder = sys.argv[1]
    env = environment()
    results = {}
    for file in sorted(os.listdir(folder)):
        name, extension = os.path.splitext(file)
        if extension not in (".jinja", ".cases"):
            continue
        with open(os.path.join(folder, file), encoding="utf-8", newline="") as f:
            source = f.read()
        context = {}
        context_file = os.path.join(folder, name + ".json")
        if os.path.exists(context_file):
            with open(context_file, encoding="utf-8") as f:
                context = json.load(f)
        if extension == ".jinja":
            results[name] = render(env, source, context)
        else:
            for index, case in enumerate(source.split(SEPARATOR)):
                results[f"{name}#{index}"] = render(env, case, context)
    json.dump(results, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

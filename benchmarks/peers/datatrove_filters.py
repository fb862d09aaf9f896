"""datatrove's four quality filters, the reference cleantext's presets are
compared with for decisions (`accuracy.evaluate_quality`) and speed
(`speed.throughput`). Needs the `parity` extra (datatrove and spaCy)."""

from __future__ import annotations


def datatrove_filters() -> dict:
    """datatrove's filters under cleantext's preset names."""
    from datatrove.pipeline.filters import (
        C4QualityFilter,
        FineWebQualityFilter,
        GopherQualityFilter,
        GopherRepetitionFilter,
    )

    return {
        "gopher-quality": GopherQualityFilter(),
        "gopher-repetition": GopherRepetitionFilter(),
        "c4": C4QualityFilter(),
        "fineweb": FineWebQualityFilter(),
    }


def datatrove_decision(reference, doc_id: str, text: str) -> tuple[bool, str]:
    """Whether datatrove's filter `reference` keeps `text`, and its reason."""
    from datatrove.data import Document as DatatroveDocument

    result = reference.filter(DatatroveDocument(text=text, id=doc_id))
    if isinstance(result, tuple):
        return bool(result[0]), result[1]
    return bool(result), ""

"""What several cleaner families must agree on, owned by none of them: the text no
inline cleaner touches (`protect`), ftfy's repair and its gate (`encoding`,
`mojibake_gate`), UTF-16 read one byte per character (`utf16`), and the word
lexicon (`lexicon`). No module here imports a cleaner family."""

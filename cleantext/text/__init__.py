"""Text primitives every layer shares: a document split into blocks without loss
(`blocks`), the named notions of a word and the stop words (`words`), what looks
like code (`codelike`), and what counts as a repeated line (`repeats`)."""

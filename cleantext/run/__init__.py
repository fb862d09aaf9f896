"""The batch job behind `cleantext clean` and `cleantext score`: orchestration
(`batch`), results in input order (`ordering`), what is shown, reported and judged
of each document (`review`, `judge`), and the progress line (`progress`)."""

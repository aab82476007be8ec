-- Trigram indexes serve the model and LoRA filters by a part of a name (like '%film%'); see 0017.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

"""Operations: scheduled crawls, distributed crawling on Redis, crash-safe resume."""

"""The rate book: documented offers, sources, assumptions, exchange rates, per diem rates and fares."""

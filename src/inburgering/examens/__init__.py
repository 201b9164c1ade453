"""The person's exams: the plan per component from the vastgesteld PIP, DUO's results, the free
attempts left (DUO's Examen API) and what the gemeente paid per attempt."""

"""Partners in the chain (Wi art. 13, 16; the regie of art. 6): organisations outside the
gemeente (language schools, maatschappelijke begeleiding, budget managers, COA, employers) that
see a dossier only while they are involved in it, and only the data their kind needs."""

"""Financieel ontzorgen (Participatiewet art. 56a) and maatschappelijke begeleiding (Wi art. 13):
fixed bills paid from the bijstand for six months, monthly SEPA batches with four-eyes approval,
and the MB assignment with its progress notes; one shared status for the consulent and partners."""

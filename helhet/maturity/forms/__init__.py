"""Forms of the service catalogue, its assessments, the overview and the plan, one module per
sub-domain. They validate what a person typed; the services decide what may be saved."""

"""Forms for a project's work, one module per part of it. The services check everything again;
the forms give the person their errors beside the fields."""

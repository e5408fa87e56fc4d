"""The ICT risk register: a likelihood x impact matrix, risks, treatments, acceptances and reviews."""

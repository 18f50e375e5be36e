from ninja import Schema


class MunicipalityOut(Schema):
    id: int
    name: str
    slug: str
    org_number: str


class UnitRef(Schema):
    id: int
    name: str
    kind: str


class MeOut(Schema):
    username: str
    name: str
    email: str
    municipality: MunicipalityOut
    role: str
    role_label: str
    capabilities: list[str]
    unit: UnitRef | None
    title: str


class UnitNode(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    member_count: int
    children: list["UnitNode"]


class OrganizationOut(Schema):
    municipality: MunicipalityOut
    units: list[UnitNode]


class UnitOut(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    description: str
    parent: UnitRef | None
    children: list[UnitRef]


class ErrorOut(Schema):
    detail: str
